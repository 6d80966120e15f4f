/** Command-line tools of the runnable jar, dcmtk-like, for diagnosing DICOM networks and benchmarking. */
package org.continuum.dicom.tool;
