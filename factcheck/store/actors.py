"""Who is making a change: a signed-in person, or the system itself."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    id: int | None
    username: str
    role: str
    display_name: str = ""

    @property
    def is_editor(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


SYSTEM = Actor(id=None, username="system", role="system", display_name="factcheck")
