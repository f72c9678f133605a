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
