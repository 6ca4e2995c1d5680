"""Benchmarks and synthetic data: `python -m bench [generate|members|pages|publish|education|
services|needs|exports|imports]
...` (default: members)."""

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    generate = commands.add_parser("generate", help="replace the data with a synthetic province")
    generate.add_argument("--members", type=int, default=1_000_000)
    generate.add_argument("--seed", type=int, default=2026)
    generate.add_argument("--force", action="store_true", help="allow a database not named *bench*")
    members = commands.add_parser("members", help="time the member list for three scopes")
    members.add_argument("--runs", type=int, default=30, help="timed runs per query")
    pages = commands.add_parser("pages", help="time every secretary page and API list")
    pages.add_argument("--runs", type=int, default=20, help="timed runs per page")
    pages.add_argument("--max-seconds", type=float, default=120, help="per page and user")
    pages.add_argument("--only", default="", help="pages whose name contains this")
    pages.add_argument("--users", default="", help="village, county or superuser")
    pages.add_argument("--explain", metavar="PAGE", help="EXPLAIN the page's slowest query")
    publish = commands.add_parser("publish", help="publish a lesson to a subtree, deliver it")
    publish.add_argument("--members", type=int, default=100_000)
    publish.add_argument("--force", action="store_true", help="allow a database not named *bench*")
    imports = commands.add_parser("imports", help="check and apply a member file of 100,000 rows")
    imports.add_argument("--rows", type=int, default=100_000)
    imports.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    imports.add_argument("--force", action="store_true", help="allow a database not named *bench*")
    commands.add_parser("education", help="add the education chain's volume, through its actions")
    commands.add_parser("services", help="add the service chain's volume (cases, care, subsidies)")
    needs = commands.add_parser("needs", help="open the month's needs rounds, time the summary")
    needs.add_argument("--runs", type=int, default=20, help="timed runs per user")
    needs.add_argument("--summary-only", action="store_true", help="time the summary only")
    exports = commands.add_parser("exports", help="time an Excel export of the member list")
    exports.add_argument("--organization", default="", help="by name (default: largest city)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Persistent connections, as in production (SANLIAN_ENV=production defaults to 60).
    os.environ.setdefault("CONN_MAX_AGE", "60")
    if args.command == "publish":
        from bench import publish as publish_bench

        publish_bench.prepare_environment()
    import django

    django.setup()
    if args.command == "generate":
        from bench.generate import generate as run_generate

        run_generate(members=args.members, seed=args.seed, force=args.force)
    elif args.command == "pages":
        from bench import pages

        if args.explain:
            pages.explain(page=args.explain, users=args.users)
        else:
            pages.run(
                runs=args.runs, max_seconds=args.max_seconds, only=args.only, users=args.users
            )
    elif args.command == "publish":
        from bench import publish as publish_bench

        publish_bench.run(members=args.members, force=args.force)
    elif args.command == "imports":
        from bench.imports import run as run_imports

        run_imports(rows=args.rows, file_format=args.format, force=args.force)
    elif args.command == "education":
        from bench.education import run as run_education

        run_education()
    elif args.command == "services":
        from bench.services import run as run_services

        run_services()
    elif args.command == "exports":
        from bench.exports import run as run_exports

        run_exports(organization=args.organization)
    elif args.command == "needs":
        from bench.needs import run as run_needs

        run_needs(runs=args.runs, open_rounds=not args.summary_only)
    else:
        from bench.members import run

        run(runs=getattr(args, "runs", 30))
    return 0


if __name__ == "__main__":
    sys.exit(main())
