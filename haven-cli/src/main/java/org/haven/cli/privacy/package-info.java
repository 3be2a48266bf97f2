/** {@code haven privacy}: re-identification risk of dataset versions. */
package org.haven.cli.privacy;
