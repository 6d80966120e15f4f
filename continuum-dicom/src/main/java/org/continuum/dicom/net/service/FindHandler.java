package org.continuum.dicom.net.service;

import java.util.Iterator;
import org.continuum.dicom.data.Attributes;

/**
 * Answers a query (PS3.4 §C.4.1.3.1): returns the response identifiers, lazily if it
 * likes, one per match. The SCP sends each as a Pending response and stops early on
 * C-CANCEL. Throw {@link DimseException} to fail, for example with Identifier Does Not
 * Match SOP Class (A900).
 */
@FunctionalInterface
public interface FindHandler {

	Iterator<Attributes> find(FindRequest request) throws DimseException;

}
