"""What a running job leaves for the pages that follow it: its owner, its progress, and an
import's input kept for a retry.

These live in huey's own key-value store (not the audited database), beside the queue, so a page
served by any process can poll them. An import's input stays there until it succeeds, so an
import cut off by a crash or restart can be tried again (job_recovery.py)."""

from factcheck.jobs import huey

PROGRESS_PREFIX = "progress:"
INPUT_PREFIX = "input:"
FINISHED_STAGES = ("done", "failed")


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


def set_owner(job_id: str, username: str) -> None:
    """Remember who started a job: only they may follow its progress."""
    huey.put(f"owner:{job_id}", username)


def owner(job_id: str) -> str | None:
    return huey.get(f"owner:{job_id}", peek=True)


def set_progress(job_id: str, stage: str, message: str, **extra) -> None:
    huey.put(_progress_key(job_id), {"stage": stage, "message": message, **extra})


def progress(job_id: str) -> dict | None:
    """The job's latest progress: stage (queued, fetching, splitting, saving, done, failed)."""
    return huey.get(_progress_key(job_id), peek=True)
