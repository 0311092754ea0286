"""城建战役投资追踪: an event-sourced tracker for city-construction campaigns."""
