/**
 * HL7 v2.5.1 over MLLP: the listener, the inbound store (durable before acknowledgement),
 * acknowledgements, quarantine and re-processing, the outbound queue and the interface
 * monitor. Other modules register {@link continuum.hl7.InboundHandler}s and enqueue on
 * {@link continuum.hl7.Hl7Outbox}.
 */
@NullMarked
package continuum.hl7;

import org.jspecify.annotations.NullMarked;
