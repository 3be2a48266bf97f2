/** The REST API of data sources, files and uploads, and the sweep that removes abandoned multipart uploads. */
package org.haven.server.ingest.internal;
