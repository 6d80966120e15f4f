package org.continuum.dicom.net.service;

import org.continuum.dicom.data.Attributes;

import org.jspecify.annotations.Nullable;

/**
 * A received C-MOVE or C-GET (PS3.4 §C.4.2, §C.4.3); {@code moveDestination} is null for
 * C-GET.
 */
public record RetrieveRequest(String callingAeTitle, @Nullable String sopClassUid, Attributes identifier,
		@Nullable String moveDestination) {
}
