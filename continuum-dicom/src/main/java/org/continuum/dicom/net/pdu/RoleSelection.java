package org.continuum.dicom.net.pdu;

/**
 * SCP/SCU Role Selection sub-item (PS3.7 §D.3.3.4), needed for C-GET, where the SCU
 * accepts C-STOREs.
 */
public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {
}
