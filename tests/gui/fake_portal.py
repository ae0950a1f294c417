"""A stand-in xdg-desktop-portal Screenshot service for tests, on a private session bus.

Run with the system Python (it uses GLib's D-Bus through python3-gi):
    python3 fake_portal.py IMAGE.png answer|cancel
Implements org.freedesktop.portal.Screenshot.Screenshot(s parent, a{sv} options) -> o handle the
way the real portal does: the handle is /org/freedesktop/portal/desktop/request/SENDER/TOKEN, and
the answer comes later as that Request's Response(u, a{sv}) signal with a file:// uri.
"""

import shutil
import sys
import tempfile

from gi.repository import Gio, GLib

XML = """<node>
  <interface name="org.freedesktop.portal.Screenshot">
    <method name="Screenshot">
      <arg type="s" name="parent_window" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
    <property name="version" type="u" access="read"/>
  </interface>
</node>"""
IMAGE, MODE = sys.argv[1], sys.argv[2]
calls = []


def on_call(connection, sender, path, interface, method, params, invocation):
    parent, options = params.unpack()
    token = options.get("handle_token", "t")
    handle = f"/org/freedesktop/portal/desktop/request/{sender[1:].replace('.', '_')}/{token}"
    calls.append(options)
    invocation.return_value(GLib.Variant("(o)", (handle,)))

    def respond():
        if MODE == "cancel":
            body = GLib.Variant("(ua{sv})", (1, {}))
        else:
            copy = tempfile.mkstemp(suffix=".png", prefix="portal-")[1]
            shutil.copy(IMAGE, copy)
            body = GLib.Variant("(ua{sv})", (0, {"uri": GLib.Variant("s", "file://" + copy)}))
        connection.emit_signal(sender, handle, "org.freedesktop.portal.Request", "Response", body)
        return False

    GLib.timeout_add(50, respond)


def on_property(connection, sender, path, interface, name):
    return GLib.Variant("u", 1)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    connection.register_object("/org/freedesktop/portal/desktop", info, on_call, on_property, None)


def on_name(connection, name):
    print("ready", flush=True)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.portal.Desktop", Gio.BusNameOwnerFlags.NONE,
                 on_bus, on_name, lambda *a: sys.exit(1))
GLib.MainLoop().run()
