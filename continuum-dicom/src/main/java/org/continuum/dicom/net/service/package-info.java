/**
 * DIMSE-C services of PS3.4 as SCP (with one-method handler interfaces the PACS
 * implements) and as SCU (a client API): Verification (C-ECHO), Storage (C-STORE),
 * Query/Retrieve (C-FIND, C-MOVE, C-GET).
 */
@NullMarked
package org.continuum.dicom.net.service;

import org.jspecify.annotations.NullMarked;
