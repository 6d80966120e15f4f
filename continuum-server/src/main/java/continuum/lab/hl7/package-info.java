/**
 * The laboratory's HL7 v2.5.1 messages, after IHE LTW and LAW: work orders out to the
 * middleware (OML^O21), results in (ORU^R01, OUL^R22), work-order queries by specimen
 * (QBP^Q11 answered with RSP^K11); and the analyzer simulator that plays the other side.
 */
@NullMarked
package continuum.lab.hl7;

import org.jspecify.annotations.NullMarked;
