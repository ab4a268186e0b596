"""Who is connected: desks register, heartbeat, go stale and are purged (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.services import presence
from app.services.context import Actor

T0 = datetime(2026, 3, 2, 9, 0, 0)


def _names(now: datetime, stale_after: timedelta = presence.STALE_AFTER) -> list[str]:
    return [d.pc_name for d in presence.connected_desks(stale_after, now=now)]


def test_two_desks_then_one_stops_heartbeating(admin: Actor) -> None:
    front = presence.register_desk(admin, pc_name="FRONT-1", pid=101, now=T0)
    back = presence.register_desk(admin, pc_name="FRONT-2", pid=202, now=T0)
    assert front != back
    assert _names(T0) == ["FRONT-1", "FRONT-2"]

    desks = presence.connected_desks(now=T0)
    assert desks[0].username == admin.username
    assert desks[0].pid == 101
    assert desks[0].started_at == T0
    from app import __version__

    assert desks[0].app_version == __version__

    # FRONT-1 keeps heartbeating every 30 s, FRONT-2 went silent at T0
    for seconds in range(30, 181, 30):
        assert presence.heartbeat(front, now=T0 + timedelta(seconds=seconds))
    assert _names(T0 + timedelta(seconds=119)) == ["FRONT-1", "FRONT-2"]
    assert _names(T0 + timedelta(seconds=121)) == ["FRONT-1"]
    # a shorter stale_after drops it sooner
    assert _names(T0 + timedelta(seconds=31), timedelta(seconds=30)) == ["FRONT-1"]


def test_unregister_removes_the_desk(admin: Actor) -> None:
    a = presence.register_desk(admin, pc_name="A", now=T0)
    presence.register_desk(admin, pc_name="B", now=T0)
    presence.unregister_desk(a)
    assert _names(T0) == ["B"]
    presence.unregister_desk(a)  # closing twice is harmless
    assert not presence.heartbeat(a, now=T0)


def test_dead_desks_are_purged_and_a_purged_desk_registers_again(admin: Actor) -> None:
    from app.models import Workstation

    alive = presence.register_desk(admin, pc_name="ALIVE", now=T0)
    dead = presence.register_desk(admin, pc_name="CRASHED", now=T0)
    later = T0 + presence.PURGE_AFTER + timedelta(seconds=1)
    assert presence.heartbeat(alive, now=later)
    assert Workstation.get_or_none(Workstation.id == dead) is None
    # the sleeping PC wakes up: its own row is gone, keep_alive registers it again
    assert not presence.heartbeat(dead, now=later)
    new_id, desks = presence.keep_alive(admin, dead, now=later)
    assert new_id != alive
    assert {d.id for d in desks} == {alive, new_id}
    # next round it simply heartbeats
    same_id, desks = presence.keep_alive(admin, new_id, now=later + timedelta(seconds=30))
    assert same_id == new_id
    assert len(desks) == 2


def test_a_reused_id_is_not_taken_over(admin: Actor) -> None:
    """SQLite may give a purged desk's id to a newcomer: the waking desk (other pid) must
    register again instead of refreshing the newcomer's row."""
    desk = presence.register_desk(admin, pc_name="NEW", pid=4242, now=T0)
    assert presence.heartbeat(desk, pid=4242, now=T0)
    assert not presence.heartbeat(desk, pid=1111, now=T0)


def test_database_made_before_the_table_existed(admin: Actor) -> None:
    """An office database created by an older build has no workstation table: reads see nobody,
    the first registration creates it."""
    from app.db import db_proxy
    from app.models import Workstation

    Workstation.drop_table()
    presence._checked.discard(db_proxy.obj)
    assert presence.connected_desks(now=T0) == []
    assert not presence.heartbeat(1, now=T0)
    presence.unregister_desk(1)
    desk = presence.register_desk(admin, pc_name="OLD-DB", now=T0)
    assert [d.id for d in presence.connected_desks(now=T0)] == [desk]


def test_background_thread_releases_its_connection(admin: Actor) -> None:
    """The UI heartbeats from pooled threads: each closes its own connection afterwards and the
    main thread's connection is untouched."""
    import threading

    from app.db import close_database, db_proxy

    result: dict[str, object] = {}

    def job() -> None:
        result["desk"] = presence.keep_alive(admin, None)
        result["open_before"] = not db_proxy.is_closed()
        close_database()  # what ui.tasks does when a background job ends
        result["open_after"] = not db_proxy.is_closed()

    worker = threading.Thread(target=job)
    worker.start()
    worker.join(30)
    assert result["open_before"] is True and result["open_after"] is False
    assert not db_proxy.is_closed()  # this thread's connection
    desk_id, desks = result["desk"]  # type: ignore[misc]
    assert [d.id for d in desks] == [desk_id]
