package com.ckengine.api;

/**
 * The one entry point a host uses to hand store events to the engine.
 *
 * <p>{@link #publish} only stores: the event and the actions its rules plan are written in one
 * database transaction of the engine's own (never the caller's), and ConvertKit is called later by
 * background workers. It is cheap enough for a checkout thread, but it does touch the database: a
 * host that must never fail a checkout catches what it throws.
 */
public interface EventPublisher {

  /**
   * Stores {@code event} and plans its actions, or does nothing when an event with the same
   * {@linkplain StoreEvent#eventKey() key} was stored before.
   *
   * @throws EventNotStoredException when the database cannot be written; nothing is stored then.
   *     When {@link EventNotStoredException#isRecorded()}, the failure is written down for the
   *     operator and the host may go on with its later events.
   */
  PublishResult publish(StoreEvent event);

  /**
   * Cancels the actions not yet delivered of the events with this trigger and reference, e.g. the
   * delayed Prospect Created actions of a cart that was bought after all. Actions being delivered
   * at this moment are not cancelled.
   *
   * @return how many actions were cancelled
   */
  int cancel(Trigger trigger, String reference);
}
