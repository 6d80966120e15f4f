/**
 * The laboratory: test catalogue, orders and their items, specimens and accessioning,
 * results through technical verification and medical release, critical-value alerts. Its
 * HL7 v2.5.1 messages to and from analyzers are in {@code hl7}.
 */
@NullMarked
package continuum.lab;

import org.jspecify.annotations.NullMarked;
