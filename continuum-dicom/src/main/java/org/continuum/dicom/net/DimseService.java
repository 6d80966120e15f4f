package org.continuum.dicom.net;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A DIMSE service provider (PS3.7 §9, PS3.4 service classes) that a {@link DicomServer}
 * offers: which abstract syntaxes it accepts during negotiation, with which transfer
 * syntaxes, and how it answers requests.
 */
public interface DimseService {

	/** The request commands this service answers. */
	Set<CommandField> commands();

	/**
	 * Whether a presentation context with this abstract syntax is accepted for this
	 * service.
	 */
	boolean supports(String abstractSyntax);

	/**
	 * Acceptable transfer syntaxes (the proposer's order decides), or an empty list to
	 * accept the first proposed.
	 */
	List<String> transferSyntaxes(String abstractSyntax);

	/** Answers one request; the response(s) are sent on {@code association}. */
	void onRequest(Association association, DimseMessage request) throws IOException;

}
