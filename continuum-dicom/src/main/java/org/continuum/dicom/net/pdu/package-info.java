/**
 * Protocol Data Units of the DICOM upper layer (PS3.8 §9.3) as immutable values, and
 * their binary codec. Bytes and UIDs only: this package does not know data sets.
 */
@NullMarked
package org.continuum.dicom.net.pdu;

import org.jspecify.annotations.NullMarked;
