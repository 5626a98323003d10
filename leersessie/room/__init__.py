"""The room takes part: rounds answered on the laptop or on phones, and the small local web
server that serves a phone round while it is open."""
