package org.continuum.dicom.net.pdu;

/** A DICOM upper layer Protocol Data Unit (PS3.8 §9.3.1). */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {

	PduType type();

}
