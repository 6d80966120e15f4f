package org.continuum.dicom.net.service;

import java.util.List;

/**
 * Resolves a C-MOVE or C-GET identifier to the instances to send (PS3.4 §C.4.2.3.1,
 * §C.4.3.3.1). Throw {@link DimseException} to fail, for example with Identifier Does Not
 * Match SOP Class (A900).
 */
@FunctionalInterface
public interface RetrieveHandler {

	List<RetrieveInstance> retrieve(RetrieveRequest request) throws DimseException;

}
