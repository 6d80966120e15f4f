package org.continuum.dicom.net.service;

import org.continuum.dicom.data.Attributes;

/** A received C-MOVE or C-GET (PS3.4 §C.4.2, §C.4.3); {@code moveDestination} is null for C-GET. */
public record RetrieveRequest(String callingAeTitle, String sopClassUid, Attributes identifier,
                              String moveDestination) {}
