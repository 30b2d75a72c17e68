"""Assignment (交办): who holds a task, assigning and ending rows, 签收, 包联领导, notices."""
