package org.continuum.dicom.net.service;

import org.continuum.dicom.data.Attributes;

import org.jspecify.annotations.Nullable;

/**
 * A received C-FIND (PS3.4 §C.4.1, §K.4.1): the SOP class names the information model,
 * the identifier the keys.
 */
public record FindRequest(String callingAeTitle, @Nullable String sopClassUid, Attributes identifier) {
}
