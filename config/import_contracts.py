"""Custom import-linter contracts for Sanlian's layout (used by ``lint-imports`` only).

``public_rooms``: a topic package (``members.mobility``) may be imported from outside only
through its public rooms — ``models``, ``selectors``, ``actions`` and the few shared modules
named in ``extra_public`` — never through its views, forms, API, admin, tasks or helpers.

``acyclic_modules``: no import cycle between any two modules, however long.
"""

from importlinter import Contract, ContractCheck, fields, output

# Modules that assemble the project and may reach into any topic.
ASSEMBLERS = ("config", "members.models", "members.apps", "members.demo", "members.management")


class PublicRoomsContract(Contract):
    type_name = "public_rooms"

    topics = fields.ListField(subfield=fields.StringField())
    public_rooms = fields.ListField(subfield=fields.StringField())
    extra_public = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        public = {f"{topic}.{room}" for topic in self.topics for room in self.public_rooms}
        public |= set(self.extra_public or [])
        violations = []
        for topic in self.topics:
            for imported in graph.find_descendants(topic):
                if _under(imported, public):
                    continue
                for importer in graph.find_modules_that_directly_import(imported):
                    if not _under(importer, {topic, *ASSEMBLERS}):
                        violations.append((importer, imported))
        return ContractCheck(kept=not violations, metadata={"violations": sorted(violations)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported in check.metadata["violations"]:
            output.print_error(f"{importer} imports {imported}, a private room of another topic")
            output.new_line()


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        modules = sorted(
            module
            for package in self.packages
            for module in {package, *graph.find_descendants(package)}
        )
        cycles = _cycles(graph, modules)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error("import cycle: " + " → ".join([*cycle, cycle[0]]))
            output.new_line()


def _under(module: str, packages) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _cycles(graph, modules: list[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    tarjan = _Tarjan(lambda module: sorted(graph.find_modules_directly_imported_by(module)))
    for module in modules:
        if module not in tarjan.index:
            tarjan.visit(module)
    return tarjan.components


class _Tarjan:
    """Iterative, so a long import chain cannot exhaust Python's recursion limit."""

    def __init__(self, successors):
        self.successors = successors
        self.index, self.low, self.stack, self.on_stack = {}, {}, [], set()
        self.components: list[list[str]] = []

    def visit(self, root: str) -> None:
        self._enter(root)
        work = [(root, iter(self.successors(root)))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    self.low[parent] = min(self.low[parent], self.low[node])
                self._close(node)
            elif child not in self.index:
                self._enter(child)
                work.append((child, iter(self.successors(child))))
            elif child in self.on_stack:
                self.low[node] = min(self.low[node], self.index[child])

    def _enter(self, node: str) -> None:
        self.index[node] = self.low[node] = len(self.index)
        self.stack.append(node)
        self.on_stack.add(node)

    def _close(self, node: str) -> None:
        if self.low[node] != self.index[node]:
            return
        component = []
        while True:
            member = self.stack.pop()
            self.on_stack.discard(member)
            component.append(member)
            if member == node:
                break
        if len(component) > 1:
            self.components.append(sorted(component))
