package org.continuum.dicom.net;

import java.io.IOException;
import org.continuum.dicom.net.pdu.AAssociateRj;

/** The acceptor answered A-ASSOCIATE-RJ (PS3.8 §7.1.1.7-9). */
public class AssociationRejectedException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient AAssociateRj rejection;

	public AssociationRejectedException(AAssociateRj rejection, String calledAe) {
		super("association to " + calledAe + " rejected (" + (rejection.permanent() ? "permanent" : "transient") + "): "
				+ rejection.reason());
		this.rejection = rejection;
	}

	public AAssociateRj rejection() {
		return rejection;
	}

}
