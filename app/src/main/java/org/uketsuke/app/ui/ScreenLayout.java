package org.uketsuke.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the counter's two windows go, as a pure function of the screens' bounds (no JavaFX types, so it is tested
 * as plain Java): the kiosk covers the first screen — the customer-facing display — and the staff console gets the
 * second screen whole when there is one; on one screen the console is a centred window of a workable size that the
 * staff shortcut brings up over the kiosk. The bounds are in the toolkit's units (after its UI scale), so a scaled
 * screen is covered exactly: no window manager is needed to size the kiosk.
 */
public final class ScreenLayout {

    /** The staff console's size on a shared screen (the console's own layout fits it). */
    static final double STAFF_WIDTH = 900;

    static final double STAFF_HEIGHT = 700;

    /** How many screens the counter uses: as found, or one even when a second is connected (or two, required). */
    public enum Screens {
        AUTO,
        ONE,
        TWO;

        /** {@code auto}, {@code one} or {@code two} (any case). */
        public static Screens parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "one", "1" -> ONE;
                case "two", "2" -> TWO;
                default -> throw new IllegalArgumentException("screens: auto, one or two, not '" + text + "'");
            };
        }
    }

    /** A rectangle on the desktop. */
    public record Area(double x, double y, double width, double height) {
        public Area {
            if (!(width > 0) || !(height > 0)) {
                throw new IllegalArgumentException("an area has a positive size");
            }
        }
    }

    /** One screen: its whole bounds and the part not taken by panels (equal without a window manager). */
    public record Screen(Area bounds, Area visual) {
        public Screen {
            Objects.requireNonNull(bounds, "bounds");
            Objects.requireNonNull(visual, "visual");
        }
    }

    /**
     * Where the windows go.
     *
     * @param kiosk the kiosk's whole screen
     * @param staff the staff console's window
     * @param staffOnOwnScreen false when the console shares the kiosk's screen (then it is hidden until the staff
     *     shortcut brings it up)
     * @param secondScreenMissing two screens were asked for but only one is connected (said in the log)
     */
    public record Placement(Area kiosk, Area staff, boolean staffOnOwnScreen, boolean secondScreenMissing) {}

    private ScreenLayout() {}

    /** @param screens the connected screens, the primary first (as the toolkit lists them) */
    public static Placement place(List<Screen> screens, Screens wanted) {
        if (screens.isEmpty()) {
            throw new IllegalArgumentException("no screen to place the kiosk on");
        }
        Screen kiosk = screens.getFirst();
        if (screens.size() >= 2 && wanted != Screens.ONE) {
            return new Placement(kiosk.bounds(), screens.get(1).visual(), true, false);
        }
        Area room = kiosk.visual();
        double width = Math.min(STAFF_WIDTH, room.width() * 0.9);
        double height = Math.min(STAFF_HEIGHT, room.height() * 0.9);
        Area staff =
                new Area(room.x() + (room.width() - width) / 2, room.y() + (room.height() - height) / 2, width, height);
        return new Placement(kiosk.bounds(), staff, false, wanted == Screens.TWO);
    }
}
