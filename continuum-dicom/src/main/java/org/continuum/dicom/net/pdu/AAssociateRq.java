package org.continuum.dicom.net.pdu;

import java.util.List;

/** A-ASSOCIATE-RQ PDU (PS3.8 §9.3.2). */
public record AAssociateRq(String calledAeTitle, String callingAeTitle, String applicationContext,
		List<PresentationContext> presentationContexts, UserInformation userInformation) implements Pdu {

	/** The DICOM Application Context Name (PS3.7 Annex A.2.1). */
	public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

	public AAssociateRq {
		presentationContexts = List.copyOf(presentationContexts);
	}

	@Override
	public PduType type() {
		return PduType.A_ASSOCIATE_RQ;
	}
}
