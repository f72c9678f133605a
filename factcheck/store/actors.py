"""Who is making a change, and through which door: a signed-in person, or the system itself."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Actor:
    id: int | None
    username: str
    role: str
    display_name: str = ""
    #: The door the change came through, recorded on every audit row: "web:<hash of the session
    #: id>" for a signed-in browser session, "cli:<operating-system user>" for the command line,
    #: "system" for the application's own work.
    channel: str = "system"

    @property
    def is_editor(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_system(self) -> bool:
        return self.role == "system"

    def via(self, channel: str) -> "Actor":
        """The same person acting through another door."""
        return replace(self, channel=channel)


SYSTEM = Actor(id=None, username="system", role="system", display_name="factcheck")

#: Usernames no person may take: the names the application's own work goes under in the audit
#: trail and the history ("system", shown as "factcheck"), so a person's changes can never be
#: mistaken for the application's, or the application's for theirs.
RESERVED_USERNAMES = frozenset({SYSTEM.username, SYSTEM.display_name})
