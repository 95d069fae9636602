package org.uketsuke.app.staff;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who is signed in at the staff console, and the role check every staff service makes ({@link #require}). The
 * console locks after {@code idleLock} without activity: the member is signed out and the password is needed again.
 * Read from worker threads, changed from the FX thread; listeners hear each sign-in and sign-out.
 */
public final class StaffSession implements Authorizer {

    private final StaffSignIn signIn;
    private final Duration idleLock;
    private final InstantSource clock;
    private final CopyOnWriteArrayList<Consumer<Optional<StaffMember>>> listeners = new CopyOnWriteArrayList<>();
    private StaffMember member;
    private Instant lastActivity = Instant.MIN;

    public StaffSession(StaffSignIn signIn, Duration idleLock, InstantSource clock) {
        if (idleLock.isNegative() || idleLock.isZero()) {
            throw new IllegalArgumentException("idle lock: a positive time");
        }
        this.signIn = signIn;
        this.idleLock = idleLock;
        this.clock = clock;
    }

    /** Checks the password (off the FX thread: Argon2id takes a noticeable moment); signs the member in on success. */
    public SignIn signIn(String id, char[] password) {
        SignIn outcome = signIn.signIn(id, password);
        Arrays.fill(password, '\0');
        if (outcome instanceof SignIn.SignedIn(StaffMember signedIn)) {
            synchronized (this) {
                member = signedIn;
                lastActivity = clock.instant();
            }
            notifyListeners();
        }
        return outcome;
    }

    public void signOut() {
        boolean was;
        synchronized (this) {
            was = member != null;
            member = null;
        }
        if (was) {
            notifyListeners();
        }
    }

    /** Something was done at the console: the idle time starts again. */
    public synchronized void touch() {
        if (member != null) {
            lastActivity = clock.instant();
        }
    }

    /** Signs out when the console has been idle too long; true when that happened now. */
    public boolean lockIfIdle() {
        synchronized (this) {
            if (member == null || clock.instant().isBefore(lastActivity.plus(idleLock))) {
                return false;
            }
            member = null;
        }
        notifyListeners();
        return true;
    }

    /** The member signed in, empty when nobody is (or the console has locked for idleness). */
    public Optional<StaffMember> current() {
        lockIfIdle();
        synchronized (this) {
            return Optional.ofNullable(member);
        }
    }

    /** The audit log's staff id: the signed-in member's, empty when nobody is signed in. */
    public String currentId() {
        return current().map(StaffMember::id).orElse("");
    }

    public boolean has(Role role) {
        return current().map(m -> m.has(role)).orElse(false);
    }

    @Override
    public StaffMember require(Role... anyOf) {
        Optional<StaffMember> now = current();
        EnumSet<Role> needed = EnumSet.noneOf(Role.class);
        needed.addAll(Arrays.asList(anyOf));
        if (now.isEmpty() || needed.stream().noneMatch(now.get()::has)) {
            throw new NotPermitted(needed, now.map(StaffMember::id).orElse(""));
        }
        touch();
        return now.get();
    }

    public void onChange(Consumer<Optional<StaffMember>> listener) {
        listeners.add(listener);
    }

    private void notifyListeners() {
        Optional<StaffMember> now;
        synchronized (this) {
            now = Optional.ofNullable(member);
        }
        listeners.forEach(l -> l.accept(now));
    }
}
