package dev.hil.faults.link;

import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.LinkFilter;
import dev.hil.core.link.SerialLink;
import dev.hil.faults.trigger.PreparedTrigger;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A link fault made of a {@link LinkFilter} on the rig's link. What they all share lives here:
 * kind and trigger, the context and link captured at injection, the seeded random stream, the
 * writer a fault may hold, the active flag, and taking the filter off again. The update client
 * rides a link fault out and retries, so none interrupts the update.
 */
abstract class LinkFilterFault implements Fault, LinkFilter {
    private final String kind;
    private final Trigger trigger;
    private final OptionalLong ownSeed;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile FaultContext context;
    private volatile SerialLink link;
    private volatile boolean active;
    private Random random; // guarded by this

    /** The filter goes on the link when the fault is injected: {@link #capture}, then addFilter. */
    LinkFilterFault(String kind, Trigger trigger) {
        this(kind, trigger, OptionalLong.empty(), false);
    }

    /** The same, for a fault with a {@code seed:} of its own (without one, the scenario's counts). */
    LinkFilterFault(String kind, Trigger trigger, OptionalLong seed) {
        this(kind, trigger, seed, false);
    }

    /**
     * With {@code watchFromArming}, the filter goes on the link already when the trigger is armed,
     * so at injection it has seen what was sent before the trigger point; {@link #unwatch} runs
     * when the trigger is disarmed.
     */
    LinkFilterFault(String kind, Trigger trigger, boolean watchFromArming) {
        this(kind, trigger, OptionalLong.empty(), watchFromArming);
    }

    private LinkFilterFault(String kind, Trigger trigger, OptionalLong seed, boolean watchFromArming) {
        this.kind = kind;
        this.trigger = watchFromArming ? new PreparedTrigger(trigger, this::watch, this::unwatch) : trigger;
        this.ownSeed = seed;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final Trigger trigger() {
        return trigger;
    }

    @Override
    public final boolean interruptsUpdate() {
        return false;
    }

    /** Keeps the context and the rig's link for the filter's later calls; returns the link. */
    final SerialLink capture(FaultContext context) {
        this.context = context;
        this.link = context.rig().link();
        return link;
    }

    /** The captured link (null before {@link #capture}). */
    final SerialLink link() {
        return link;
    }

    /** Tells the timeline the fault took effect on the link. */
    final void inEffect(String what) {
        context.timeline().record(new TimelineEvent.LinkFaultChanged(kind, true, what));
    }

    /** Tells the timeline the link is whole again. */
    final void over(String what) {
        context.timeline().record(new TimelineEvent.LinkFaultChanged(kind, false, what));
    }

    /** Tells the timeline what the fault did to the bytes while in effect. */
    final void note(String what) {
        context.timeline().record(new TimelineEvent.FaultNote(kind, what));
    }

    /** The seed of the fault's random stream: its own, else the scenario's (once captured). */
    final long seed() {
        return ownSeed.orElse(context.seed());
    }

    /** The fault's seeded random stream, started at the first draw: the same seed, the same draws. */
    final synchronized Random random() {
        if (random == null) {
            random = new Random(seed());
        }
        return random;
    }

    /** Blocks the writing thread for up to {@code nanos}; {@link #release} lets it go at once. */
    final void holdWriter(long nanos) {
        try {
            released.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #release} ran: a released fault holds no writer any more. */
    final boolean released() {
        return released.getCount() == 0;
    }

    /**
     * False unless the fault says otherwise with {@link #active(boolean)}: most link faults act
     * within the writes that follow the trigger, and nothing lasts for the runner to wait out.
     */
    @Override
    public final boolean active() {
        return active;
    }

    final void active(boolean active) {
        this.active = active;
    }

    /** Takes the filter off the link, if it ever went on one. */
    final void detach() {
        SerialLink l = link;
        if (l != null) {
            l.removeFilter(this);
        }
    }

    private void watch(FaultContext context) {
        capture(context).addFilter(this);
    }

    /** When the trigger is disarmed (only with {@code watchFromArming}): the filter comes off. */
    void unwatch() {
        detach();
    }

    /** Lets a held writer go and takes the filter off the link. */
    @Override
    public void release(FaultContext context) {
        released.countDown();
        detach();
    }
}
