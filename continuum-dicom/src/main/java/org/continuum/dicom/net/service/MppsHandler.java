package org.continuum.dicom.net.service;

import java.io.IOException;

/**
 * Keeps the Modality Performed Procedure Step instances (PS3.4 §F.7.2.1.2, §F.7.2.2.2):
 * the RIS implements this. For each N-CREATE and N-SET the handler, within its own
 * transaction, loads the instance named by {@link MppsRequest#sopInstanceUid()} (null if
 * it has none), calls {@link MppsRequest#applyTo} — which enforces the state rules of
 * PS3.4 §F.7.2 and throws the standard's failure — and stores the attributes it returns.
 * Throw {@link DimseException} for any other refusal; an {@link IOException} or runtime
 * exception answers Processing Failure (0110).
 */
@FunctionalInterface
public interface MppsHandler {

	void handle(MppsRequest request) throws IOException, DimseException;

}
