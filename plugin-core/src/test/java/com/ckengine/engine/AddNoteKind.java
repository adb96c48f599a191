package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.kit.KitCredential;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A new action kind made in the test sources, to show that adding one is one class: "Add Note"
 * writes "order N: first name" to a notebook (a fake of some Kit call), is allowed for every
 * trigger, takes nothing, is planned once per event and integration (the default coalescing), and
 * says in the log what it sent. Registered once by {@link #register()}; nothing else knows it.
 */
final class AddNoteKind extends ActionKind {
  static final ActionType ADD_NOTE =
      ActionType.define("ADD_NOTE", "Add Note", ActionType.Takes.NOTHING, ActionType.ANY_TRIGGER);

  private static final AddNoteKind KIND = new AddNoteKind();

  /** What was delivered: one line per note, "email: note". */
  static final List<String> NOTEBOOK = new CopyOnWriteArrayList<String>();

  static AddNoteKind register() {
    ActionKinds.register(KIND);
    return KIND;
  }

  @Override
  public ActionType type() {
    return ADD_NOTE;
  }

  @Override
  Attempt deliver(Claim c, KitCredential credential, KitCalls calls, DeliveryParts parts) {
    NOTEBOOK.add(c.event.getEmail() + ": " + note(c.event.getReference()));
    return Attempt.delivered(200, "noted");
  }

  @Override
  public String sent(LogEntry e) {
    return "Note on " + e.email() + ": " + note(e.reference());
  }

  private static String note(String reference) {
    return "bought on order " + reference;
  }
}
