/**
 * Command-line tools of the runnable jar, dcmtk-like, for diagnosing DICOM networks and
 * benchmarking.
 */
@NullMarked
package org.continuum.dicom.tool;

import org.jspecify.annotations.NullMarked;
