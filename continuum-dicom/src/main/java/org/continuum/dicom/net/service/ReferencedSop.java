package org.continuum.dicom.net.service;

/**
 * One item of a Referenced SOP Sequence (0008,1199): Referenced SOP Class UID and
 * Referenced SOP Instance UID (PS3.4 §J.3.2, Table J.3-1).
 */
public record ReferencedSop(String sopClassUid, String sopInstanceUid) {
}
