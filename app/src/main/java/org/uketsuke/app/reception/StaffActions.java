package org.uketsuke.app.reception;

import java.util.function.Consumer;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.sink.DeliveryId;

/**
 * The staff console's actions that need a role, checked here and not only by which buttons the console shows:
 * 目視確認 needs a receptionist and is signed with the signed-in member's id; a re-send to the レセコン needs an
 * administrator. Each throws {@link NotPermitted} without the role.
 */
public final class StaffActions {

    private final Authorizer staff;
    private final Consumer<VisitEvent> visits;
    private final RececonBridge bridge;
    private final Runnable wakeDelivery;

    public StaffActions(Authorizer staff, Consumer<VisitEvent> visits, RececonBridge bridge, Runnable wakeDelivery) {
        this.staff = staff;
        this.visits = visits;
        this.bridge = bridge;
        this.wakeDelivery = wakeDelivery;
    }

    /** The receptionist saw that the patient is the card's holder: the visit goes on with their 目視確認. */
    public StaffMember confirmVisually() {
        StaffMember member = staff.require(Role.RECEPTIONIST);
        visits.accept(new VisitEvent.StaffConfirmedVisually(member.id()));
        return member;
    }

    /** The receptionist could not confirm the patient by sight. */
    public void refuseVisually() {
        staff.require(Role.RECEPTIONIST);
        visits.accept(new VisitEvent.StaffRefusedVisually());
    }

    /** A parked delivery goes back in the queue; blocking (the outbox), call off the FX thread. */
    public void resend(DeliveryId delivery) {
        staff.require(Role.ADMINISTRATOR);
        bridge.retry(delivery);
        wakeDelivery.run();
    }
}
