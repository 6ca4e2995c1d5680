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
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found
