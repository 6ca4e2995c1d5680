"""One row per member of a group, written by the database in one statement.

A lesson sent to a city's 100,000 mobile members must not become 100,000 ORM saves nor a list
of 100,000 objects in memory: ``INSERT … SELECT`` lets the database copy the member ids, and
``ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL alike) makes sending again to the same group
add only those not yet there.
"""

from django.db import connection
from django.db.models import F, Model, QuerySet


def insert_per_member(model: type[Model], members: QuerySet, **fixed) -> int:
    """Insert a ``model`` row for each member of ``members`` with the ``fixed`` column values;
    rows already there (the model's unique constraint) are kept. Return how many were new."""
    columns = [model._meta.get_field(name).column for name in fixed]
    member_column = model._meta.get_field("member").column
    chosen = members.order_by().annotate(chosen_id=F("pk")).values("chosen_id")
    select, params = chosen.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in [*columns, member_column])
    values = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) "
        f"SELECT {values}, chosen.chosen_id FROM ({select}) AS chosen WHERE true "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*fixed.values(), *params])
        return cursor.rowcount
