"""The bodies' pages: public (`public`), the members' workspace (`workspace`) and
the intranet (`intranet`); the iCalendar feeds are `cms.bodies.calendar`."""
