package org.continuum.dicom.net.service;

import java.io.IOException;
import org.continuum.dicom.net.Status;

/**
 * Stores one instance (PS3.4 §B.2.2): the PACS implements this. Return the status to
 * send; throw {@link DimseException} for a specific failure. An {@link IOException}
 * answers Refused: Out of Resources (A700), a malformed data set Cannot Understand
 * (C000). Return only once the instance is safely stored.
 */
@FunctionalInterface
public interface StoreHandler {

	Status store(StoreRequest request) throws IOException, DimseException;

}
