"""The pure meeting engine: no Textual or Rich import, time only through a Clock."""
