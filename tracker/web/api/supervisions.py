"""督办 through the API: issue and close or return (bureau), answer (the project's unit)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from tracker.web.api.body import body, order_json
from tracker.web.common import own_order, roles, the_tracker, the_user, visible_project
from tracker.web.shared.schemas import AnswerSchema, NoteSchema, ReturnSchema, SupervisionSchema


def shown(order_id: str) -> dict[str, Any]:
    orders = the_tracker().orders
    return order_json(orders.one(order_id), orders.steps(order_id))


@roles("unit")
def answer(order_id: str) -> Any:
    own_order(order_id)
    tracker = the_tracker()
    tracker.supervisions.answer(order_id, body(AnswerSchema())["answer"], the_user().actor)
    return jsonify({"id": order_id, "status": tracker.orders.one(order_id).status})


@roles("bureau")
def issue(code: str) -> Any:
    visible_project(code)
    data = body(SupervisionSchema())
    order = the_tracker().supervisions.issue(
        code, data["requirement"], data["due_on"], the_user().actor, data["source"]
    )
    return jsonify(shown(str(order))), 201


@roles("bureau")
def close(order_id: str) -> Any:
    note = body(NoteSchema())["note"]
    the_tracker().supervisions.close(order_id, note or "办结", the_user().actor)
    return jsonify(shown(order_id))


@roles("bureau")
def send_back(order_id: str) -> Any:
    note = body(ReturnSchema())["note"]
    the_tracker().supervisions.send_back(order_id, note, the_user().actor)
    return jsonify(shown(order_id))
