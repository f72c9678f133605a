"""What a running job leaves for the pages that follow it: its owner, its progress, and an
import's input kept for a retry, or the article it held back for the reviewer to decide on.

These live in huey's own key-value store (not the audited database), beside the queue, so a page
served by any process can poll them. An import's input stays there until it succeeds, so an
import cut off by a crash or restart can be tried again (job_recovery.py). An article held back
as a near copy of an earlier one stays for HOLD_SECONDS, then is forgotten."""

import time

from factcheck.jobs import huey

PROGRESS_PREFIX = "progress:"
INPUT_PREFIX = "input:"
# "held": a near copy waits for "Import anyway" or "Cancel"; "cancelled": nothing was stored.
FINISHED_STAGES = ("done", "failed", "held", "cancelled")
#: How long an article held back as a near copy waits for the reviewer's decision.
HOLD_SECONDS = 24 * 60 * 60
EXPIRED_HOLD = (
    "This import waited more than a day for a decision, so nothing was added; import it again"
)


def _progress_key(job_id: str) -> str:
    return f"{PROGRESS_PREFIX}{job_id}"


def _input_key(job_id: str) -> str:
    return f"{INPUT_PREFIX}{job_id}"


def submit_import(task, username: str) -> str:
    """Queue an import and return its id. Its owner, its first progress and its input (for a
    retry) are stored before any worker can start it."""
    set_owner(task.id, username)
    huey.put(_input_key(task.id), {"task": task.name, "args": task.args, "kwargs": task.kwargs})
    set_progress(task.id, "queued", "Waiting for a worker")
    huey.enqueue(task)
    return task.id


def kept_input(job_id: str) -> dict | None:
    """What an import job was asked to do, while it can still be tried again."""
    return huey.get(_input_key(job_id), peek=True)


def forget_input(job_id: str) -> None:
    huey.delete(_input_key(job_id))


def hold(job_id: str, task_name: str, args: tuple, kwargs: dict, near_copies: list[dict]) -> None:
    """End a job held back as a near copy: the task that would store its article replaces its
    input (so "Import anyway" queues it like a retry), and its progress names the earlier ones."""
    forget_expired_holds()
    huey.put(_input_key(job_id), {"task": task_name, "args": args, "kwargs": kwargs})
    set_progress(
        job_id,
        "held",
        "Nearly the same as an article already imported",
        near_copies=near_copies,
        held_at=time.time(),
    )


def held_input(job_id: str) -> dict | None:
    """The held article's task while the reviewer can still decide; an expired one is dropped."""
    state = progress(job_id)
    if state is None or state.get("stage") != "held":
        return None
    if time.time() - state.get("held_at", 0) > HOLD_SECONDS:
        _drop_hold(job_id, state)
        return None
    return kept_input(job_id)


def _drop_hold(job_id: str, state: dict) -> None:
    forget_input(job_id)
    set_progress(job_id, "cancelled", EXPIRED_HOLD, near_copies=state.get("near_copies", []))


def cancel_hold(job_id: str) -> None:
    """Forget a held article: nothing is stored."""
    state = progress(job_id) or {}
    forget_input(job_id)
    set_progress(
        job_id,
        "cancelled",
        "Cancelled: nothing was added",
        near_copies=state.get("near_copies", []),
    )


def forget_expired_holds() -> list[str]:
    """Drop every held article older than HOLD_SECONDS; returns their job ids. Reads only the
    small progress entries, never the held articles themselves."""
    expired = []
    cutoff = time.time() - HOLD_SECONDS
    for key, value in huey.storage.result_items().items():
        if not key.startswith(PROGRESS_PREFIX):
            continue
        state = huey.serializer.deserialize(value)
        if state.get("stage") == "held" and state.get("held_at", 0) < cutoff:
            job_id = key.removeprefix(PROGRESS_PREFIX)
            _drop_hold(job_id, state)
            expired.append(job_id)
    return expired


def set_owner(job_id: str, username: str) -> None:
    """Remember who started a job: only they may follow its progress."""
    huey.put(f"owner:{job_id}", username)


def owner(job_id: str) -> str | None:
    return huey.get(f"owner:{job_id}", peek=True)


def set_progress(job_id: str, stage: str, message: str, **extra) -> None:
    huey.put(_progress_key(job_id), {"stage": stage, "message": message, **extra})


def progress(job_id: str) -> dict | None:
    """The job's latest progress: stage (queued, fetching, splitting, saving, done, failed, held,
    cancelled)."""
    return huey.get(_progress_key(job_id), peek=True)
