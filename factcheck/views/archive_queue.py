"""Copies of evidence pages queued from the workbench: the evidence stays saved when the job queue
cannot take the job, and the answer to that request says so and asks the queue nothing more."""

import logging

from flask import current_app, g

from factcheck import archive_jobs, job_storage
from factcheck.network.fetch import DEFAULT_POLICY
from factcheck.store.rows import EvidenceRow

log = logging.getLogger(__name__)


def desk_archive_hosts() -> tuple[str, ...]:
    """The web archive hosts the desk adds to the built-in ones, from the app's config (tests
    name their local server): a list, or one comma-separated string, never a string taken
    letter by letter."""
    value = current_app.config.get("WEB_ARCHIVE_HOSTS")
    if isinstance(value, str):
        value = value.split(",")
    return tuple(host.strip().lower() for host in value or () if host and host.strip())


def queue_copy(url: str, archive_url: str | None = None, actor=None) -> bool:
    """Queue a copy of the evidence page (from the public web archive `archive_url`, fetched for
    `actor`, when one is named). Returns whether it was queued."""
    policy = current_app.config.get("FETCH_POLICY") or DEFAULT_POLICY
    who = {"username": actor.username, "channel": actor.channel} if actor else {}
    try:
        archive_jobs.queue_archive(
            current_app.config["DATABASE"],
            url,
            policy,
            archive_url=archive_url,
            archive_hosts=desk_archive_hosts() if archive_url else (),
            **who,
        )
    except job_storage.UNREACHABLE:
        log.exception("could not queue the archiving of %s", url)
        g.job_queue_away = True  # the panel drawn for this answer does not wait on it again
        return False
    return True


def queue_copy_of_new(evidence: EvidenceRow) -> None:
    """Queue a copy of evidence just added; when the queue cannot take it, its card in this
    answer says so, and how to ask again (panel_archive_status.html)."""
    if not queue_copy(evidence["url"]):
        g.not_queued_for_archiving = evidence["id"]


def queued_state(url: str) -> str | None:
    """queued_states of one page."""
    return queued_states([url])[url]


def queued_states(urls: list[str]) -> dict[str, str | None]:
    """archive_jobs.archive_states, or nothing queued as far as this answer can tell when the
    queue already failed to answer it."""
    if g.get("job_queue_away"):
        return dict.fromkeys(urls)
    return archive_jobs.archive_states(urls)
