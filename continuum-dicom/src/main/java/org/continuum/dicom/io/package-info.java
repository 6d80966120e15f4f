/**
 * Reading and writing data sets and DICOM Part 10 files (PS3.5 §7–§A, PS3.10 §7) as
 * streams.
 */
@NullMarked
package org.continuum.dicom.io;

import org.jspecify.annotations.NullMarked;
