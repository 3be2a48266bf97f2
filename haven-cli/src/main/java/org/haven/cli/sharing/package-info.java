/** {@code haven grants}: datasets granted to projects, each with the result type its reads may have. */
package org.haven.cli.sharing;
