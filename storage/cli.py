"""Staff CLI: maintenance windows, call-centre closed days, handoff lookup, reports, migrations.

    python -m storage.cli windows add 2026-12-05T01:00+09:00 2026-12-05T05:00+09:00 --reason "臨時メンテナンス"
    python -m storage.cli handoff 4821-0937
    python -m storage.cli report --from 2026-11-01 --to 2026-12-01
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from typing import Optional, Sequence

from dateutil import parser as date_parser

from business.clock import JST, to_jst
from business.references import normalise_reference
from storage import repository
from storage.database import migrate, session_scope


def parse_moment(text: str) -> datetime:
    """An ISO-8601 moment; without an offset it is Japan time."""
    return to_jst(date_parser.isoparse(text))


def parse_day(text: str) -> date:
    """A YYYY-MM-DD day."""
    return date.fromisoformat(text)


def jst_text(moment: datetime) -> str:
    """How staff read a moment: Japan time to the minute."""
    return to_jst(moment).strftime("%Y-%m-%d %H:%M JST")


def _windows(args: argparse.Namespace) -> int:
    with session_scope(args.db) as session:
        if args.action == "add":
            window_id = repository.add_maintenance_window(session, parse_moment(args.start), parse_moment(args.end), args.reason)
            print(f"added window {window_id}")
        elif args.action == "list":
            for window_id, window in repository.maintenance_windows(session):
                print(f"{window_id}\t{jst_text(window.start)}\t{jst_text(window.end)}\t{window.reason}")
        elif not repository.remove_maintenance_window(session, int(args.id)):
            print(f"no window {args.id}", file=sys.stderr)
            return 1
    return 0


def _closed_days(args: argparse.Namespace) -> int:
    with session_scope(args.db) as session:
        if args.action == "add":
            repository.add_closed_day(session, parse_day(args.day), args.reason)
            print(f"added closed day {args.day}")
        elif args.action == "list":
            for day, reason in repository.closed_days(session):
                print(f"{day.isoformat()}\t{reason}")
        elif not repository.remove_closed_day(session, parse_day(args.day)):
            print(f"no closed day {args.day}", file=sys.stderr)
            return 1
    return 0


def _handoff(args: argparse.Namespace) -> int:
    reference = normalise_reference(args.reference)
    with session_scope(args.db) as session:
        handoff = repository.find_handoff(session, reference)
        if handoff is None:
            print(f"no handoff {reference}", file=sys.stderr)
            return 1
        print(f"reference:    {handoff.reference}")
        print(f"time:         {jst_text(handoff.created_at)}")
        print(f"reason:       {handoff.reason}")
        print(f"conversation: {handoff.conversation_id}")
        print(f"intents:      {handoff.intents}")
    return 0


def _report(args: argparse.Namespace) -> int:
    start = datetime.combine(parse_day(args.start), time(0), tzinfo=JST)
    end = datetime.combine(parse_day(args.end), time(0), tzinfo=JST)
    with session_scope(args.db) as session:
        result = repository.report(session, start, end, top=args.top)
    rate = "n/a" if result.resolution_rate is None else f"{result.resolution_rate:.1%}"
    print(f"period:          {args.start} to {args.end} (end excluded, JST)")
    print(f"resolution rate: {rate} ({result.resolved} of {result.answers} answers)")
    print("handoffs by reason:")
    for reason, count in result.handoffs_by_reason or [("(none)", 0)]:
        print(f"  {reason}\t{count}")
    print("most frequent not-understood messages:")
    for text, count in result.top_not_understood or [("(none)", 0)]:
        print(f"  {count}\t{text}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    migrate(args.db)
    print("database schema is up to date")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m storage.cli", description="Staff tools of the login-help assistant.")
    parser.add_argument("--db", help="SQLAlchemy URL (default: ASSISTANT_DB_URL)")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)

    windows = commands.add_parser("windows", help="extra maintenance windows")
    window_actions = windows.add_subparsers(dest="action", required=True)
    add = window_actions.add_parser("add", help="add a window (ISO-8601 times; no offset means JST)")
    add.add_argument("start")
    add.add_argument("end")
    add.add_argument("--reason", default="臨時メンテナンス")
    window_actions.add_parser("list")
    remove = window_actions.add_parser("remove")
    remove.add_argument("id")
    windows.set_defaults(run=_windows)

    days = commands.add_parser("closed-days", help="extra days the call centre is closed")
    day_actions = days.add_subparsers(dest="action", required=True)
    add_day = day_actions.add_parser("add")
    add_day.add_argument("day", help="YYYY-MM-DD")
    add_day.add_argument("--reason", default="")
    day_actions.add_parser("list")
    remove_day = day_actions.add_parser("remove")
    remove_day.add_argument("day")
    days.set_defaults(run=_closed_days)

    handoff = commands.add_parser("handoff", help="look up a handoff by its reference")
    handoff.add_argument("reference")
    handoff.set_defaults(run=_handoff)

    report = commands.add_parser("report", help="resolution rate, handoffs, not-understood messages")
    report.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD (JST)")
    report.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD (JST, excluded)")
    report.add_argument("--top", type=int, default=10)
    report.set_defaults(run=_report)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
