/**
 * The DICOM data model: tags, value representations, data sets, sequences, person names,
 * character sets and the data dictionary (PS3.5, PS3.6).
 */
@NullMarked
package org.continuum.dicom.data;

import org.jspecify.annotations.NullMarked;
