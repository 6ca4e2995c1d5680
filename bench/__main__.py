"""Benchmarks and synthetic data: `python -m bench [generate|members] ...` (default: members)."""

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
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if args.command == "generate":
        from bench.generate import generate as run_generate

        run_generate(members=args.members, seed=args.seed, force=args.force)
    else:
        from bench.members import run

        run(runs=getattr(args, "runs", 30))
    return 0


if __name__ == "__main__":
    sys.exit(main())
