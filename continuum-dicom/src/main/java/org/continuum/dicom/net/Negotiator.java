package org.continuum.dicom.net;

import java.util.ArrayList;
import java.util.List;
import org.continuum.dicom.io.Implementation;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.AAssociateRj;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.Pdu;
import org.continuum.dicom.net.pdu.PresentationContext;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.continuum.dicom.net.pdu.PresentationContextResult.Result;
import org.continuum.dicom.net.pdu.UserIdentity;
import org.continuum.dicom.net.pdu.UserInformation;

/**
 * The acceptor's side of association negotiation (PS3.8 §7.1.1, PS3.7 Annex D): checks
 * application context, AE titles and user identity, then picks per presentation context
 * the first proposed transfer syntax the service accepts, answers role selections as
 * proposed and an asynchronous operations window with 1/1 (no asynchronous operations).
 */
final class Negotiator {

	private final AssociationSettings settings;

	private final List<DimseService> services;

	Negotiator(AssociationSettings settings, List<DimseService> services) {
		this.settings = settings;
		this.services = services;
	}

	/** An {@link AAssociateAc} or an {@link AAssociateRj}. */
	Pdu answer(AAssociateRq rq) {
		if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
			return new AAssociateRj(true, AAssociateRj.Reason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
		}
		if (settings.checkCalledAeTitle() && !settings.aeTitle().equals(rq.calledAeTitle())) {
			return new AAssociateRj(true, AAssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED);
		}
		if (!settings.acceptsCallingAe(rq.callingAeTitle())) {
			return new AAssociateRj(true, AAssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED);
		}
		UserIdentity identity = rq.userInformation().userIdentity();
		if (settings.userIdentityVerifier() != null && (identity == null
				|| !settings.userIdentityVerifier().test(identity.username(), identity.passcode()))) {
			return new AAssociateRj(true, AAssociateRj.Reason.NO_REASON_GIVEN);
		}
		List<PresentationContextResult> results = new ArrayList<>();
		for (PresentationContext pc : rq.presentationContexts()) {
			results.add(negotiate(pc));
		}
		UserInformation proposed = rq.userInformation();
		int window = proposed.asyncOperationsNegotiated() ? 1 : 0;
		byte[] identityResponse = identity != null && identity.positiveResponseRequested()
				&& settings.userIdentityVerifier() != null ? new byte[0] : null;
		var ui = new UserInformation(settings.maxPduLength(), Implementation.CLASS_UID, Implementation.VERSION_NAME,
				window, window, proposed.roleSelections(), null, identityResponse);
		return new AAssociateAc(rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), results, ui);
	}

	private PresentationContextResult negotiate(PresentationContext pc) {
		boolean abstractSupported = false;
		for (DimseService service : services) {
			if (!service.supports(pc.abstractSyntax())) {
				continue;
			}
			abstractSupported = true;
			List<String> acceptable = service.transferSyntaxes(pc.abstractSyntax());
			if (acceptable.isEmpty()) {
				return new PresentationContextResult(pc.id(), Result.ACCEPTANCE, pc.transferSyntaxes().get(0));
			}
			for (String ts : pc.transferSyntaxes()) {
				if (acceptable.contains(ts)) {
					return new PresentationContextResult(pc.id(), Result.ACCEPTANCE, ts);
				}
			}
		}
		return new PresentationContextResult(pc.id(),
				abstractSupported ? Result.TRANSFER_SYNTAXES_NOT_SUPPORTED : Result.ABSTRACT_SYNTAX_NOT_SUPPORTED,
				pc.transferSyntaxes().get(0));
	}

}
