package org.continuum.dicom.net;

import java.util.HashMap;
import java.util.Map;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.PresentationContext;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of presentation context negotiation (PS3.8 §7.1.1.13): what was proposed
 * and what was accepted.
 */
final class PresentationContexts {

	private final Map<Integer, PresentationContext> proposed = new HashMap<>();

	private final Map<Integer, PresentationContextResult> results = new HashMap<>();

	PresentationContexts(AAssociateRq request, AAssociateAc accept) {
		request.presentationContexts().forEach(pc -> proposed.put(pc.id(), pc));
		accept.presentationContexts().forEach(pc -> results.put(pc.id(), pc));
	}

	/**
	 * The accepted context for an abstract syntax, preferring one whose transfer syntax
	 * is in {@code preferred}.
	 */
	@Nullable PresentationContextResult accepted(String abstractSyntax, String... preferred) {
		PresentationContextResult any = null;
		for (PresentationContextResult r : results.values()) {
			PresentationContext pc = proposed.get(r.id());
			if (r.accepted() && pc != null && pc.abstractSyntax().equals(abstractSyntax)) {
				for (String ts : preferred) {
					if (ts.equals(r.transferSyntax())) {
						return r;
					}
				}
				any = any == null ? r : any;
			}
		}
		return any;
	}

	@Nullable String abstractSyntaxOf(int contextId) {
		PresentationContext pc = proposed.get(contextId);
		return pc == null ? null : pc.abstractSyntax();
	}

	@Nullable String transferSyntaxOf(int contextId) {
		PresentationContextResult r = results.get(contextId);
		return r == null || !r.accepted() ? null : r.transferSyntax();
	}

}
