package io.hearth.core.contact;

/**
 * Keeps what derives from a contact (its place in the work queue) in step with every write,
 * inside the write's transaction.
 */
public interface ContactObserver {
    /** Called after {@code contact} was written (created, converted to, changed, archived or restored). */
    void written(Contact contact);
}
