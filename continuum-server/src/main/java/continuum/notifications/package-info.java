/**
 * Patient messages (appointment confirmation, reminder, reschedule, cancellation) in the
 * patient's language, through a transactional outbox, over e-mail (SMTP) and SMS (an HTTP
 * gateway), with retries and an idempotency key per message.
 */
@NullMarked
package continuum.notifications;

import org.jspecify.annotations.NullMarked;
