package org.continuum.dicom.net.pdu;

import java.util.List;

/** A-ASSOCIATE-AC PDU (PS3.8 §9.3.3); the AE titles echo those of the request. */
public record AAssociateAc(String calledAeTitle, String callingAeTitle, String applicationContext,
		List<PresentationContextResult> presentationContexts, UserInformation userInformation) implements Pdu {

	public AAssociateAc {
		presentationContexts = List.copyOf(presentationContexts);
	}

	@Override
	public PduType type() {
		return PduType.A_ASSOCIATE_AC;
	}
}
